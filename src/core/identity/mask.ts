/** 110105********002X: the region and the last four, as staff screens show an ID number. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length < 10
    ? '*'.repeat(idNumber.length)
    : `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
}

/** 张* / 欧阳** / *: the surname's first character only. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** 138****0001. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '*'.repeat(mobile.length);
}
