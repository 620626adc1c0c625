// wrangler.jsonc's "rules" import *.xml as text (the dev manifest the Worker rebases onto its own origin).
declare module '*.xml' {
  const text: string;
  export default text;
}
