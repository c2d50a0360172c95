/** Question types that upload a file or a signature: never in an anonymous survey. */
export const UPLOADS: ReadonlySet<string> = new Set(['file', 'signaturepad']);
