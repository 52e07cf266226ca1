/** A random mainland mobile number 13xxxxxxxxx, so every run registers a new borrower. */
export function randomMobile(): string {
  return `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
}

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

/**
 * A valid 18-character resident ID number (GB 11643, MOD 11-2 check character) for a man from
 * Beijing Chaoyang (110105) who is `age` years old today.
 */
export function idNumberForAge(age: number, today = new Date()): string {
  const birth = `${today.getFullYear() - age}0307`;
  const sequence = String(100 + Math.floor(Math.random() * 450) * 2 + 1).slice(-3); // odd: male
  const first17 = `110105${birth}${sequence}`;
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return first17 + checkCharacters[sum % 11]!;
}

/** A minimal valid one-page PDF, without scripts or embedded files (the server refuses those). */
export function minimalPdf(title: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const text = `BT /F1 12 Tf 72 770 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  offsets.push(pdf.length);
  pdf += `4 0 obj\n<< /Length ${text.length} >>\nstream\n${text}\nendstream\nendobj\n`;
  const xref = pdf.length;
  pdf += `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
