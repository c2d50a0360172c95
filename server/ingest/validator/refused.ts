/**
 * What Ovoz never serves, whichever way a survey is checked: refused by name when the survey is
 * saved, with a reason a sociologist understands. (`Unsupported`, in compile.ts, only means the
 * fast compiled checker leaves a survey to the survey-core checker, model-validator.ts.)
 */

export class Refused extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`survey not supported by the answer validator: ${where}: ${reason}`);
  }
}

export const UPLOAD_REASON =
  'a file or signature upload collects personal data that an anonymous survey must not take';
export const URL_REASON =
  'choices loaded from a web address (choicesByUrl): the citizen page never sends anything to a third party';
