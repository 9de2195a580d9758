import { describe, expect, it } from 'vitest';
import { acceptedType, safeFileName, sniffFileType } from './sniff.js';

describe('upload checks (SECURITY UPL-01, UPL-03, UPL-05)', () => {
  it('knows a file by its bytes, not its name', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFileType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffFileType(Buffer.from('<svg onload="x">'))).toBeNull();
    expect(sniffFileType(Buffer.from('PK\x03\x04random zip without office parts', 'latin1'))).toBeNull();
    expect(acceptedType(Buffer.from('PK\x03\x04....word/document.xml', 'latin1'), ['pdf'])).toBeNull();
    expect(acceptedType(Buffer.from('PK\x03\x04....word/document.xml', 'latin1'), ['docx'])).toBe('docx');
  });

  it('keeps names free of paths, control and direction-override characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\身份证.pdf')).toBe('身份证.pdf');
    expect(safeFileName('fdp.\u202Eexe.pdf')).toBe('fdp.exe.pdf');
    expect(safeFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    expect(safeFileName('...')).toBe('附件');
    expect([...safeFileName('长'.repeat(300))].length).toBe(120);
  });
});
