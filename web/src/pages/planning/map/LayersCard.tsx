// The map layers of the layout map (the bureau only): the district boundary and the catchments, each with who uploaded
// it and when, an upload (replace) and a removal. A refused file lists every problem by feature; nothing is kept.
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { API, call, upload } from '../../../client.js';
import { ApiError } from '../../../api.js';
import { useI18n } from '../../../i18n.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { LAYER_MAX_BYTES, type MapLayer, type MapLayers } from '../../../../../src/planning/map/contract.js';
import type { MapT } from './i18n.js';

type Kind = 'boundary' | 'catchments';
interface Problem {
  feature: number | null;
  zh?: string;
  en?: string;
  message: string;
}

/** A time as the reader's local date and minute: 2025-03-01 09:30. */
const when = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return Number.isNaN(d.getTime()) ? iso : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

export function LayersCard({ t, layers, onChange }: { t: MapT; layers: MapLayers | null; onChange: () => void }) {
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Kind | null>(null);
  const [problems, setProblems] = useState<{ kind: Kind; file: string; list: Problem[] } | null>(null);

  const send = async (kind: Kind, file: File) => {
    setProblems(null);
    if (file.size > LAYER_MAX_BYTES) {
      setProblems({ kind, file: file.name, list: [{ feature: null, message: t('tooLarge') }] });
      return;
    }
    setBusy(kind);
    try {
      await upload(API.map.putLayer, { params: { kind } }, file, file.name, { silent: true });
      message.success(t('uploaded'));
      onChange();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setProblems({ kind, file: file.name, list: (e.body as { problems?: Problem[] })?.problems ?? [] });
      else if (e instanceof ApiError) setProblems({ kind, file: file.name, list: [{ feature: null, message: e.message }] });
    } finally {
      setBusy(null);
    }
  };
  const remove = async (kind: Kind) => {
    setBusy(kind);
    try {
      await call(API.map.deleteLayer, { params: { kind } });
      message.success(t('removed'));
      onChange();
    } finally {
      setBusy(null);
    }
  };

  // Title and buttons on one line, what is stored under them at the card's full width (narrow on a phone or in the side column).
  const row = (kind: Kind, layer: MapLayer | null) => (
    <div key={kind} data-testid={`map-layer-${kind}`} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong>{kind === 'boundary' ? t('boundary') : t('catchments')}</Typography.Text>
        <Flex gap={8}>
          <Upload accept=".geojson,.json,application/geo+json,application/json" showUploadList={false} disabled={busy !== null} customRequest={({ file }) => void send(kind, file as File)}>
            <Button size="small" icon={<UploadOutlined />} loading={busy === kind} data-testid={`map-layer-${kind}-upload`}>
              {layer ? t('replace') : t('upload')}
            </Button>
          </Upload>
          {layer && (
            <Popconfirm title={t('removeConfirm')} onConfirm={() => void remove(kind)} okText={t('remove')}>
              <Button size="small" danger icon={<DeleteOutlined />} disabled={busy !== null} data-testid={`map-layer-${kind}-remove`}>
                {t('remove')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 2 }}>
        {layer ? `${t('uploadedBy', { name: layer.name, by: layer.uploadedBy, at: when(layer.uploadedAt) })} · ${t('features', { n: formatNumber(layer.features, 0) })}` : t('notUploaded')}
      </Typography.Text>
    </div>
  );

  return (
    <Card title={t('layersTitle')} size="small" style={{ marginTop: 12 }} data-testid="map-layers">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
        {t('layersHelp')}
      </Typography.Paragraph>
      {(['boundary', 'catchments'] as Kind[]).map((k) => row(k, layers?.[k] ?? null))}
      {problems && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="map-layer-problems"
          message={t('layerRefused', { file: problems.file, n: problems.list.length })}
          description={
            <Flex vertical gap={2}>
              {problems.list.map((p, i) => (
                <Typography.Text key={i} style={{ fontSize: 12 }}>
                  {(lang === 'en' ? p.en : p.zh) ?? p.message}
                </Typography.Text>
              ))}
            </Flex>
          }
          closable
          onClose={() => setProblems(null)}
        />
      )}
    </Card>
  );
}
