// Class value-added uses the same random-intercept model with the class as the group (not a nested school/class
// model): a class's effect is its students' shrunken mean residual relative to the district's regression line, so it
// includes whatever the school adds; compare classes of one school with each other, or subtract the school's effect.
// Classes are keyed by school and class together (1班 of two schools stay apart); sorted keys keep school order.

const SEP = '\u001f';

export function classKey(school: string, klass: string): string {
  return school + SEP + klass;
}

export function splitClassKey(key: string): { school: string; class: string } {
  const i = key.indexOf(SEP);
  return { school: key.slice(0, i), class: key.slice(i + 1) };
}
