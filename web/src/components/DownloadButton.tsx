import { useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';

/**
 * A button that downloads a file (an .xlsx or PDF route through the typed client's download): spinning while the
 * file comes, the error shown by the API client. `get` builds the request when clicked, with the filters of that moment.
 */
export function DownloadButton({ get, children, icon = <DownloadOutlined />, ...rest }: { get: () => Promise<void>; children: ReactNode } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const [busy, setBusy] = useState(false);
  const click = async () => {
    setBusy(true);
    try {
      await get();
    } catch {
      /* shown by the API client */
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={icon} loading={busy} onClick={() => void click()} {...rest}>
      {children}
    </Button>
  );
}
