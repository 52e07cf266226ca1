import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
}

/** The search box; it searches on Enter or the button, not on every keystroke. */
export function QueueSearch({ value, onSearch }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const search = () => onSearch(text.trim() || undefined);
  return (
    <Space.Compact style={{ width: 340 }}>
      <Input
        value={text}
        onChange={(e) => setText(e.target.value)}
        // Clearing the box with its ✕ shows the whole queue again at once.
        onClear={() => onSearch(undefined)}
        onPressEnter={search}
        placeholder={t('queue.searchPlaceholder')}
        allowClear
        data-testid="queue-search"
      />
      <Button
        type="primary"
        icon={<SearchOutlined />}
        onClick={search}
        aria-label={t('queue.search')}
        data-testid="queue-search-button"
      />
    </Space.Compact>
  );
}
