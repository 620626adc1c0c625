import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { productionManifest } from '../../scripts/write-manifest.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const validate = (file: string) => run('bash', [join(root, 'scripts/validate-manifest.sh'), file]);
const devXml = readFileSync(join(root, 'manifest.xml'), 'utf8');

describe('manifest', () => {
  it('validates against the Office XSDs', async () => {
    const { stderr } = await validate(join(root, 'manifest.xml'));
    expect(stderr).toContain('validates');
  });

  it('declares Excel, zh-CN with en-US overrides, ExcelApi 1.9 and the 整改填报 Home-tab button', () => {
    expect(devXml).toContain('<Host Name="Workbook" />');
    expect(devXml).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    expect(devXml).toContain('<Set Name="ExcelApi" MinVersion="1.9" />');
    expect(devXml).toMatch(/<OfficeTab id="TabHome">[\s\S]*xsi:type="ShowTaskpane"/);
    expect(devXml).toMatch(/DefaultValue="整改填报">\s*<bt:Override Locale="en-US"/);
    expect(devXml).toContain('<SourceLocation DefaultValue="http://127.0.0.1:8787/" />');
    expect(devXml).toContain('<HighResolutionIconUrl DefaultValue="http://127.0.0.1:8787/assets/icon-64.png" />');
  });

  it('writes a production manifest on the given https origin that still validates', async () => {
    const xml = productionManifest(devXml, 'https://rectify.example.org/');
    expect(xml).not.toContain('127.0.0.1');
    expect(xml).toContain('<SourceLocation DefaultValue="https://rectify.example.org/" />');
    expect(xml).toContain('<AppDomain>https://rectify.example.org</AppDomain>');
    const file = join(mkdtempSync(join(tmpdir(), 'rectify-manifest-')), 'manifest.xml');
    writeFileSync(file, xml);
    const { stderr } = await validate(file);
    expect(stderr).toContain('validates');
  });

  it('refuses plain http for a remote host and reports an invalid manifest', async () => {
    expect(() => productionManifest(devXml, 'http://rectify.example.org')).toThrow(/https/);
    const file = join(mkdtempSync(join(tmpdir(), 'rectify-manifest-')), 'manifest.xml');
    writeFileSync(file, devXml.replace('<DefaultLocale>zh-CN</DefaultLocale>', ''));
    const failure = await validate(file).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toMatch(/DefaultLocale[\s\S]*fails to validate/);
  });
});
