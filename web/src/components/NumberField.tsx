// A number typed as text. What the user typed stays in the box until it is corrected: "abc" or "-5" becomes the
// field's error (NaN, or the number itself for the field's own check), never a silent 0 or the previous value, as the
// clamping of a plain InputNumber did.
import { useEffect, useState } from 'react';
import { Input, type InputProps } from 'antd';
import { validateFieldValue } from '../../../src/registry/fields.js';

/** The value of a typed text: null when empty, NaN when it is no number. Full-width digits and thousands separators are read. */
export function parseNumberInput(text: string): number | null {
  const s = text
    .replace(/[０-９．－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
    .trim();
  if (s === '') return null;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}

/** The error of a typed value against a field's type and bounds ({ zh, en }), or null when it is fine (or empty). */
export function numberProblem(field: { type: 'int' | 'decimal'; min: number; max: number }, v: number | null | undefined): { zh: string; en: string } | null {
  if (v === null || v === undefined) return null;
  if (Number.isNaN(v)) return { zh: '请输入数字', en: 'enter a number' };
  return validateFieldValue(field, v);
}

type Props = Omit<InputProps, 'value' | 'onChange'> & { value?: number | null; onChange?: (v: number | null) => void };

export function NumberField({ value, onChange, ...rest }: Props) {
  const [text, setText] = useState(() => (value === null || value === undefined || Number.isNaN(value) ? '' : String(value)));
  // A value set from outside (a reset, a reload) replaces the text; the user's own typing is kept as typed.
  useEffect(() => {
    const typed = parseNumberInput(text);
    const same = typed === value || (typed !== null && value !== null && value !== undefined && Number.isNaN(typed) && Number.isNaN(value));
    if (!same) setText(value === null || value === undefined || Number.isNaN(value) ? '' : String(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <Input
      inputMode="decimal"
      autoComplete="off"
      {...rest}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange?.(parseNumberInput(e.target.value));
      }}
    />
  );
}
