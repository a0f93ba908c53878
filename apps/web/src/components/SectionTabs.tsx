import { Grid, Select, Space, Tabs, TabsProps, Typography } from 'antd';
import { ReactNode, useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';

export interface Section {
  key: string;
  label: string;
  children: ReactNode;
}

/**
 * A page's sections as tabs on a wide screen, and on a phone as a labelled picker over the open
 * section: many tabs overflow a phone's width into a "more" button that sits inside the tab list,
 * which a screen reader cannot make sense of (axe: aria-required-children), and is a small target.
 */
export function SectionTabs({
  items,
  activeKey: controlled,
  onChange: onControlledChange,
  style,
}: {
  items: Section[];
  /** The open section when the page keeps it (e.g. in the address); otherwise the first is open and the component keeps the choice. */
  activeKey?: string;
  onChange?: (key: string) => void;
  style?: TabsProps['style'];
}) {
  const { t } = useI18n();
  const [own, setOwn] = useState(items[0]?.key ?? '');
  const activeKey = controlled ?? own;
  const onChange = onControlledChange ?? setOwn;
  const screens = Grid.useBreakpoint();
  const pickerId = useId();
  // Only a screen known to be narrow gets the picker (a test DOM that answers no media query gets the tabs).
  const phone = screens.xs === true && screens.md === false;
  if (!phone) return <Tabs style={style} items={items} activeKey={activeKey} onChange={onChange} />;
  const open = items.find((i) => i.key === activeKey) ?? items[0];
  return (
    <div style={style}>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text strong>
          <label htmlFor={pickerId}>{t('common.section')}</label>
        </Typography.Text>
        <Select
          id={pickerId}
          value={open?.key}
          onChange={onChange}
          options={items.map((i) => ({ value: i.key, label: i.label }))}
          style={{ minWidth: 180 }}
          data-testid="section-picker"
        />
      </Space>
      <div role="region" aria-label={open?.label}>
        {open?.children}
      </div>
    </div>
  );
}
