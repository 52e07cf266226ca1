import { describe, expect, it } from 'vitest';
import { inspectUpload, sanitiseFilename } from './inspect-upload';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

describe('upload inspection', () => {
  it('accepts PDF, PNG and JPEG whose content and name match the declared type', () => {
    expect(inspectUpload({ bytes: pdf, declaredType: 'application/pdf', filename: '收入证明.pdf' })).toEqual({
      ok: true,
      contentType: 'application/pdf',
      filename: '收入证明.pdf',
    });
    expect(inspectUpload({ bytes: png, declaredType: 'image/png', filename: 'a.PNG' }).ok).toBe(true);
    expect(
      inspectUpload({ bytes: jpeg, declaredType: 'image/jpeg; charset=binary', filename: 'id.jpeg' }).ok,
    ).toBe(true);
  });

  it('refuses other types, disguised content and wrong extensions', () => {
    expect(
      inspectUpload({ bytes: Buffer.from('<html><script>'), declaredType: 'text/html', filename: 'x.html' }),
    ).toMatchObject({ problem: 'TYPE_NOT_ALLOWED' });
    expect(
      inspectUpload({ bytes: Buffer.from('MZ\x90\x00'), declaredType: 'application/pdf', filename: 'x.pdf' }),
    ).toMatchObject({ problem: 'CONTENT_MISMATCH' });
    expect(inspectUpload({ bytes: pdf, declaredType: 'application/pdf', filename: 'x.exe' })).toMatchObject({
      problem: 'EXTENSION_MISMATCH',
    });
    expect(
      inspectUpload({ bytes: Buffer.alloc(0), declaredType: 'image/png', filename: 'x.png' }),
    ).toMatchObject({ problem: 'EMPTY' });
  });

  it('refuses PDFs with scripts, launch actions or embedded files', () => {
    for (const active of [
      '/JavaScript (app.alert(1))',
      '/JS (x)',
      '/Launch << /F (cmd.exe) >>',
      '/EmbeddedFile',
    ])
      expect(
        inspectUpload({
          bytes: Buffer.from(`%PDF-1.7\n${active}\n%%EOF`),
          declaredType: 'application/pdf',
          filename: 'x.pdf',
        }),
      ).toMatchObject({
        problem: 'ACTIVE_CONTENT',
      });
    // A name that merely starts with JS is not a script.
    expect(
      inspectUpload({
        bytes: Buffer.from('%PDF-1.7\n/JSONData 1\n'),
        declaredType: 'application/pdf',
        filename: 'x.pdf',
      }).ok,
    ).toBe(true);
  });

  it('never keeps path parts or control characters of a filename', () => {
    expect(sanitiseFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFilename('C:\\Users\\me\\statement.pdf')).toBe('statement.pdf');
    expect(sanitiseFilename('a\u0000b\nc.pdf')).toBe('abc.pdf');
    expect(sanitiseFilename('..')).toBe('document');
  });
});
