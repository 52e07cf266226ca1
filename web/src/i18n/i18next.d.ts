import 'i18next';
import type zhCN from './zh-CN.json';
import type collateral from './parts/collateral.zh-CN.json';
import type guarantors from './parts/guarantors.zh-CN.json';
import type conditions from './parts/conditions.zh-CN.json';
import type operations from './parts/operations.zh-CN.json';
import type lending from './parts/lending.zh-CN.json';
import type interview from './parts/interview.zh-CN.json';
import type interviewRoom from './parts/interviewRoom.zh-CN.json';
import type legalHolds from './parts/legalHolds.zh-CN.json';

// Type the translation keys, so a misspelt or missing key is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: {
      translation: typeof zhCN &
        typeof collateral &
        typeof guarantors &
        typeof conditions &
        typeof operations &
        typeof lending &
        typeof interview &
        typeof interviewRoom &
        typeof legalHolds;
    };
  }
}
