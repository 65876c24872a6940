import { registerEnumType } from 'type-graphql';

/**
 * Why an organization department checks a civil servant or candidate (干部选拔任用、评优评先、录用、调任):
 * the typed half of a cadre-decision purpose, stored in the access log beside the free-text note.
 * Shared by the archives subgraph (pre-appointment check) and the records subgraph (廉政意见),
 * so both declare the one enum federation merges.
 */
export enum AppointmentPurpose {
  PROMOTION = 'PROMOTION',
  APPOINTMENT = 'APPOINTMENT',
  HONOUR = 'HONOUR',
  RECRUITMENT = 'RECRUITMENT',
  TRANSFER = 'TRANSFER',
}

/** What each purpose is called in Chinese, for messages, the dashboard and exports. */
export const APPOINTMENT_PURPOSE_NAMES: Record<AppointmentPurpose, string> = {
  [AppointmentPurpose.PROMOTION]: '职务职级晋升',
  [AppointmentPurpose.APPOINTMENT]: '选拔任用',
  [AppointmentPurpose.HONOUR]: '评优评先',
  [AppointmentPurpose.RECRUITMENT]: '公务员录用',
  [AppointmentPurpose.TRANSFER]: '调任',
};

registerEnumType(AppointmentPurpose, {
  name: 'AppointmentPurpose',
  description: 'Why a cadre decision consults the integrity file: 晋升、任用、评优评先、录用、调任.',
  valuesConfig: {
    PROMOTION: { description: '职务职级晋升 (promotion in post or rank)' },
    APPOINTMENT: { description: '选拔任用 (selection and appointment)' },
    HONOUR: { description: '评优评先 (honours and commendations)' },
    RECRUITMENT: { description: '公务员录用 (recruitment; candidates need not be registered)' },
    TRANSFER: { description: '调任 (transfer in; candidates need not be registered)' },
  },
});
