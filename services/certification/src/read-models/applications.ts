import { HNTE_APPLICATION_STREAM } from '@peiyu/contracts';
import type { RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import { placeOf, type Place, type ScopeOptions } from '@peiyu/service-kit';
import { evolveApplication, type Application, type ApplicationEvent } from '../domain';

/**
 * One document per application (key: applicationId), fed from certification's own store: the application as
 * its stream folds it, the place it was submitted from (scoped lists), the experts of its panel (an expert's
 * list), and the IP items it claims (`kind:number`, the Class II "used once ever" port reads them).
 */
export interface ApplicationDoc extends Partial<Place> {
  applicationId: string;
  streamId: string;
  batchId: string;
  uscc: string;
  status: Application['status'];
  provinceCode: string;
  application: Application;
  /** Experts on the panel (ids); empty before the draw. */
  panel: string[];
  /** `kind:number` of each IP item of the submitted form; empty while a draft. */
  ipKeys: string[];
  noticeEndsOn: string | null;
  /** Top level, so a list sorts by it (`sort=-submittedOn`). */
  submittedOn?: string | null;
}

export const APPLICATIONS = 'hnte_applications';

export const ipKey = (kind: string, number: string): string => `${kind}:${number}`;

function keysOf(e: RecordedEvent): readonly string[] {
  if (!HNTE_APPLICATION_STREAM.parse(e.streamId)) return [];
  return [(e.data as { applicationId: string }).applicationId];
}

export function applicationsProjection(scope: ScopeOptions): StoreProjection<ApplicationDoc> {
  return {
    name: APPLICATIONS,
    keysOf,
    indexes: [
      { key: { batchId: 1, status: 1 }, name: 'batch_status' },
      { key: { countyCode: 1, status: 1 }, name: 'county' },
      { key: { cityCode: 1, status: 1 }, name: 'city' },
      { key: { provinceCode: 1, status: 1 }, name: 'province' },
      { key: { uscc: 1 }, name: 'uscc' },
      { key: { panel: 1 }, name: 'panel' },
      { key: { ipKeys: 1 }, name: 'ip' },
    ],
    apply(doc, e) {
      const event = { type: e.type, data: e.data } as ApplicationEvent;
      const application = evolveApplication(doc?.application ?? null, event);
      if (!application) return doc;
      const submitted =
        event.type === 'HnteApplicationSubmitted' || event.type === 'HnteApplicationResubmitted';
      const place = submitted ? placeOf(event.data.countyCode, scope) : {};
      const provinceCode = application.submission?.provinceCode ?? doc?.provinceCode ?? '';
      return {
        ...(doc ?? {}),
        ...place,
        applicationId: application.applicationId,
        streamId: e.streamId,
        batchId: application.batchId,
        uscc: application.uscc,
        status: application.status,
        provinceCode,
        application,
        panel: (application.panel?.members ?? []).map((m) => m.expertId),
        ipKeys: submitted
          ? application.form.ipItems.map((i) => ipKey(i.kind, i.number))
          : (doc?.ipKeys ?? []),
        noticeEndsOn: application.notice?.endsOn ?? null,
        submittedOn: application.submission?.submittedOn ?? null,
      };
    },
  };
}
