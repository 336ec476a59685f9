import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ReactNode } from 'react';

export interface Crumb {
  title: ReactNode;
  to?: string;
}

/** Title row of a page: breadcrumbs, title, subtitle and actions on the right. */
export function PageHeader({ title, subtitle, crumbs, extra, tags }: { title: ReactNode; subtitle?: ReactNode; crumbs?: Crumb[]; extra?: ReactNode; tags?: ReactNode }) {
  return (
    <div className="jh-page-header">
      {crumbs && crumbs.length > 0 && <Breadcrumb className="jh-breadcrumb" items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))} />}
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={10} wrap>
            <Typography.Title level={3} className="jh-page-title">
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
        {extra && (
          <Flex gap={8} wrap align="center">
            {extra}
          </Flex>
        )}
      </Flex>
    </div>
  );
}
