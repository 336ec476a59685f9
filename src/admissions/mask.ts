// What the public sees of a child's name: the first character, then * for each hidden one, and the last character
// of a name of three or more (张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明). The full name stays with the bureau.
export function maskName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const chars = Array.from(name.trim());
  if (chars.length === 0) return null;
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** An 18-character 身份证号 (17 digits and a digit or X): must never be an applicant ID, which is published. */
export const looksLikeIdCard = (id: string): boolean => /^\d{17}[\dXx]$/.test(id) || /^\d{15}$/.test(id);
