/** Where a signed link was put: the closed list of channels a QR code or link may carry. */
export const CHANNELS = ['centre', 'mahalla', 'online', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];
