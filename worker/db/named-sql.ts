// Named parameters for D1, which binds only by position: `:planId` in the SQL text becomes `?N`, bound from an
// object, so a long statement reads by name and cannot get its 18 positions out of step.
export type SqlValue = string | number | null;

/** Prepares `sql` with every `:name` bound from `params`; a name the SQL uses but `params` lacks throws. */
export function prepareNamed(db: D1Database, sql: string, params: Record<string, SqlValue>): D1PreparedStatement {
  const order: string[] = [];
  const text = sql.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`SQL parameter :${name} has no value`);
    const at = order.indexOf(name);
    return `?${at < 0 ? order.push(name) : at + 1}`;
  });
  return db.prepare(text).bind(...order.map((name) => params[name]!));
}
