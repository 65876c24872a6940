/** The proportions of the generated dataset. */
/** Shares of the subject mix (the rest are enterprises). */
export const ORGANIZATION_SHARE = 0.15;
export const SERVANT_SHARE = 0.3;
/** Decision dates lie up to this many days before today (5 years). */
export const HISTORY_DAYS = 1826;
/** Share of the organizations with a serious dishonesty record that are listed. */
export const LISTED_SHARE = 0.01;
