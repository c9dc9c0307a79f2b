import "server-only";

export type CaChangeConfig = {
  /** PORTAL_CA_CHANGE_NOTICE_DAYS: how many days ahead a customer must announce a server CA change. */
  noticeDays: number;
  /** PORTAL_CA_CHANGE_GRACE_DAYS: how long after the change date the old anchors stay in the backend trust store. */
  graceDays: number;
};

const days = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value?.trim() && Number.isInteger(n) && n >= 0 && n <= 365 ? n : fallback;
};

/** Read per call from the environment (the edges and tests pass their own `env`); the pure core never reads it. */
export function caChangeConfig(env: Record<string, string | undefined> = process.env): CaChangeConfig {
  return { noticeDays: days(env.PORTAL_CA_CHANGE_NOTICE_DAYS, 7), graceDays: days(env.PORTAL_CA_CHANGE_GRACE_DAYS, 7) };
}
