import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { borrowerRoles, staffRoles } from '../../src/contracts/accounts.schema';
import { HomeRedirect } from './features/accounts/home-redirect';
import { LoginPage } from './features/accounts/login-page';
import { PublicOnly } from './features/accounts/public-only';
import { RegisterPage } from './features/accounts/register-page';
import { RequireRole } from './features/accounts/require-role';
import { ApplicationDetailPage } from './features/applications/application-detail-page';
import { ApplicationWizardPage } from './features/applications/application-wizard-page';
import { MyApplicationsPage } from './features/applications/my-applications-page';
import { NewApplicationPage } from './features/applications/new-application-page';
import { monitoringRoles } from './features/risk/risk-roles';
import { AppLayout } from './layout/app-layout';

// Borrowers, mostly on phones, never load the staff console's code.
const WorkQueuePage = lazy(() =>
  import('./features/staff/work-queue-page').then((m) => ({ default: m.WorkQueuePage })),
);
const StaffApplicationPage = lazy(() =>
  import('./features/staff/staff-application-page').then((m) => ({ default: m.StaffApplicationPage })),
);
const RiskMonitoringPage = lazy(() =>
  import('./features/risk/risk-monitoring-page').then((m) => ({ default: m.RiskMonitoringPage })),
);
const LedgerPage = lazy(() =>
  import('./features/ledger/ledger-page').then((m) => ({ default: m.LedgerPage })),
);
const ReceiptsPage = lazy(() =>
  import('./features/ledger/receipts-page').then((m) => ({ default: m.ReceiptsPage })),
);

/** Caseworkers work applications; administrators manage accounts and see no applications. */
const caseworkerRoles = ['loan_officer', 'risk_officer', 'approver'] as const;
const adminRoles = ['admin'] as const;
const SecurityPage = lazy(() =>
  import('./features/security/security-page').then((m) => ({ default: m.SecurityPage })),
);
const AccountsPage = lazy(() =>
  import('./features/admin/accounts-page').then((m) => ({ default: m.AccountsPage })),
);
const VerifyPage = lazy(() =>
  import('./features/identity/verify-page').then((m) => ({ default: m.VerifyPage })),
);
const DevRegistryPage = lazy(() =>
  import('./features/identity/dev-registry-page').then((m) => ({ default: m.DevRegistryPage })),
);
// The contract reader brings pdf.js: loaded only when a contract is opened.
const MyContractsPage = lazy(() =>
  import('./features/contracts/my-contracts-page').then((m) => ({ default: m.MyContractsPage })),
);
const ContractPage = lazy(() =>
  import('./features/contracts/contract-page').then((m) => ({ default: m.ContractPage })),
);
const SealAuthorisationsPage = lazy(() =>
  import('./features/contracts/seal-authorisations-page').then((m) => ({
    default: m.SealAuthorisationsPage,
  })),
);
const SmsOutboxPage = lazy(() =>
  import('./features/identity/sms-outbox-page').then((m) => ({ default: m.SmsOutboxPage })),
);

const MyGuaranteesPage = lazy(() =>
  import('./features/guarantors/my-guarantees-page').then((m) => ({ default: m.MyGuaranteesPage })),
);
const ReconciliationPage = lazy(() =>
  import('./features/lending/reconciliation-page').then((m) => ({ default: m.ReconciliationPage })),
);
const OperationsPage = lazy(() =>
  import('./features/operations/operations-page').then((m) => ({ default: m.OperationsPage })),
);
const NotificationsPage = lazy(() =>
  import('./features/notifications/notifications-page').then((m) => ({ default: m.NotificationsPage })),
);
const MailOutboxPage = lazy(() =>
  import('./features/notifications/mail-outbox-page').then((m) => ({ default: m.MailOutboxPage })),
);

// The interview room brings WebRTC code: loaded only when an interview page is opened.
const MyInterviewsPage = lazy(() =>
  import('./features/interview/my-interviews-page').then((m) => ({ default: m.MyInterviewsPage })),
);
const InterviewRoomPage = lazy(() =>
  import('./features/interview/interview-room-page').then((m) => ({ default: m.InterviewRoomPage })),
);
const StaffInterviewsPage = lazy(() =>
  import('./features/interview/staff-interviews-page').then((m) => ({ default: m.StaffInterviewsPage })),
);
const InterviewConsolePage = lazy(() =>
  import('./features/interview/interview-console-page').then((m) => ({ default: m.InterviewConsolePage })),
);

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route element={<PublicOnly />}>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/register" element={<RegisterPage />} />
        </Route>
        <Route path="/" element={<HomeRedirect />} />
        <Route element={<RequireRole roles={borrowerRoles} />}>
          <Route path="/applications" element={<MyApplicationsPage />} />
          <Route path="/applications/new" element={<NewApplicationPage />} />
          <Route path="/applications/new/:productCode" element={<ApplicationWizardPage />} />
          <Route path="/applications/:id/edit" element={<ApplicationWizardPage />} />
          <Route path="/applications/:id" element={<ApplicationDetailPage />} />
          <Route path="/receipts" element={<ReceiptsPage />} />
          <Route path="/contracts" element={<MyContractsPage />} />
          <Route path="/contracts/:id" element={<ContractPage />} />
          <Route path="/verify" element={<VerifyPage />} />
          <Route path="/verify/registry" element={<DevRegistryPage />} />
          <Route path="/guarantees" element={<MyGuaranteesPage />} />
          <Route path="/interviews" element={<MyInterviewsPage />} />
          <Route path="/interviews/:id" element={<InterviewRoomPage />} />
        </Route>
        <Route element={<RequireRole roles={caseworkerRoles} />}>
          <Route path="/staff/queue" element={<WorkQueuePage />} />
          <Route path="/staff/applications/:id" element={<StaffApplicationPage />} />
          <Route path="/staff/reconciliation" element={<ReconciliationPage />} />
          <Route path="/staff/interviews" element={<StaffInterviewsPage />} />
          <Route path="/staff/interviews/:id" element={<InterviewConsolePage />} />
        </Route>
        {/* The risk models' monitoring: risk officers, approvers and administrators. */}
        <Route element={<RequireRole roles={monitoringRoles} />}>
          <Route path="/staff/risk" element={<RiskMonitoringPage />} />
        </Route>
        {/* The evidence ledger holds hashes and commitments only: every staff role may see it. */}
        <Route element={<RequireRole roles={staffRoles} />}>
          <Route path="/staff/ledger" element={<LedgerPage />} />
          <Route path="/staff/operations" element={<OperationsPage />} />
        </Route>
        {/* Security settings (second factors, sessions and devices): every logged-in role. */}
        <Route element={<RequireRole roles={[...borrowerRoles, ...staffRoles]} />}>
          <Route path="/security" element={<SecurityPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
        </Route>
        <Route element={<RequireRole roles={adminRoles} />}>
          <Route path="/admin/accounts" element={<AccountsPage />} />
          <Route path="/admin/sms-outbox" element={<SmsOutboxPage />} />
          <Route path="/admin/seal-authorisations" element={<SealAuthorisationsPage />} />
          <Route path="/admin/mail-outbox" element={<MailOutboxPage />} />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
