/** Where connection flows report what they could not clean up (a request's or the CLI's logger). */
export interface Warner {
  warn(obj: object, msg: string): void;
}
