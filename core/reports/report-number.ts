// A 报送编号 short enough to read out over the phone: period, unit, revision — "2611B-丁来-02" is 丁来村's second
// revision for 2026年11月下半月 (A = 上半月, B = 下半月; a monthly period is "2403").
const SUFFIX = /(村|村委会|村民委员会|所|站|办|办公室|中心|局)$/;

export function reportNumber(period: string, unitName: string, revision: number): string {
  const m = /^(\d{2})(\d{2})-(\d{2})(?:-H([12]))?$/.exec(period);
  const when = m ? `${m[2]}${m[3]}${m[4] ? (m[4] === '1' ? 'A' : 'B') : ''}` : period;
  const name = unitName.replace(SUFFIX, '') || unitName;
  return `${when}-${name}-${String(revision).padStart(2, '0')}`;
}
