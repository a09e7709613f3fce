import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Form, Input, InputNumber, Table } from 'antd';
import { useState } from 'react';
import { useCampaignYear } from '../lib/config';
import { api, type Page, qs } from '../lib/api';
import { useT } from '../lib/i18n';
import { serverTable } from '../lib/server-table';

interface Entry {
  name: string | null;
  uscc: string;
  registrationNumber: string;
  countyCode: string;
  enteredOn: string;
  validUntil: string;
}

/** 入库名单: public, paginated and filtered by the service (year, region). */
export function PublicEntriesPage() {
  const t = useT();
  const campaign = useCampaignYear();
  const [chosen, setYear] = useState<number | null>(null);
  const year = chosen ?? campaign ?? 0;
  const [region, setRegion] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({
    queryKey: ['sme-entries', year, region, paging],
    queryFn: () =>
      api<Page<Entry>>(
        'assessment',
        `/v1/sme-entries${qs({ year, region: /^\d{6}$/.test(region) ? region : undefined, ...paging })}`,
      ),
    placeholderData: keepPreviousData,
    enabled: year > 0,
  });
  return (
    <Card title={t('publicEntries')}>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('year')} htmlFor="entries-year">
          <InputNumber
            id="entries-year"
            value={year}
            min={2017}
            max={2100}
            onChange={(v) => v && setYear(v)}
          />
        </Form.Item>
        <Form.Item label={t('region')} htmlFor="entries-region">
          <Input
            id="entries-region"
            value={region}
            maxLength={6}
            onChange={(e) => setRegion(e.target.value)}
          />
        </Form.Item>
      </Form>
      <Table<Entry>
        rowKey="uscc"
        size="middle"
        {...serverTable(q, paging, setPaging)}
        columns={[
          { title: t('registrationNumber'), dataIndex: 'registrationNumber' },
          { title: t('name'), dataIndex: 'name' },
          { title: t('uscc'), dataIndex: 'uscc' },
          { title: t('countyCode'), dataIndex: 'countyCode' },
          { title: t('validUntil'), dataIndex: 'validUntil' },
        ]}
      />
    </Card>
  );
}
