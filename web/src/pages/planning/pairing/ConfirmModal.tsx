// Confirming a suggested pair: its type (融合型 / 共建型 / 协作型, what each means and which count towards the target)
// and a note. The server refuses, in both languages, what breaks the rules (a member already paired this year …);
// the API client shows that message.
import { useState } from 'react';
import { Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { API, call } from '../../../client.js';
import { PAIRING_TYPE_EN, PAIRING_TYPES, type Pairing, type PairingType, type SuggestedPair } from '../../../../../src/planning/pairing/contract.js';
import type { PairingT } from './i18n.js';

export function ConfirmModal({ t, lang, year, pair, onClose, onDone }: { t: PairingT; lang: 'zh' | 'en'; year: number; pair: SuggestedPair; onClose: () => void; onDone: (p: Pairing) => void }) {
  const [type, setType] = useState<PairingType>('共建型');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const p = await call(API.pairing.confirm, { body: { year, leadCode: pair.leadCode, memberCode: pair.memberCode, type, note: note.trim() || null } });
      onDone(p);
    } catch {
      // The API client has shown the server's message; the dialog stays open to change the choice.
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('confirmTitle')} okText={t('ok')} cancelText={t('cancel')} confirmLoading={busy} onOk={submit} onCancel={onClose} data-testid="pairing-confirm-modal" destroyOnHidden>
      <Typography.Paragraph>{t('confirmWho', { lead: pair.leadName, member: pair.memberName, year })}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('type')} extra={t('typeHelp')}>
          <Radio.Group value={type} onChange={(e) => setType(e.target.value as PairingType)} data-testid="pairing-type">
            <Space wrap>
              {PAIRING_TYPES.map((x) => (
                <Radio key={x} value={x}>
                  {lang === 'en' ? `${PAIRING_TYPE_EN[x]} (${x})` : x}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('note')}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} data-testid="pairing-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
