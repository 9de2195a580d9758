import { Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useSession } from './session';
import { SignIn } from './pages/SignIn';
import { Shell } from './Shell';
import { Dashboard } from './pages/Dashboard';
import { Profile } from './pages/Profile';
import { AuditPage } from './pages/AuditPage';
import { OrganisationsPage } from '../features/organisations/admin/OrganisationsPage';
import { StaffPage } from '../features/staff/admin/StaffPage';
import { CalendarPage } from '../features/calendar/admin/CalendarPage';
import { ReviewPage } from '../features/review/admin/ReviewPage';
import { RequestsPage } from '../features/requests/admin/RequestsPage';
import { RequestCasePage } from '../features/requests/admin/RequestCasePage';
import { MessagesPage } from '../features/messages/admin/MessagesPage';
import { MessageCasePage } from '../features/messages/admin/MessageCasePage';
import { MessageStatsPage } from '../features/messages/admin/MessageStatsPage';
import { KnowledgePage } from '../features/knowledge/admin/KnowledgePage';
import { CatalogPage } from '../features/catalog/admin/CatalogPage';
import { DocumentEditPage } from '../features/catalog/admin/DocumentEditPage';
import { AnnualReportPage } from '../features/reports/admin/AnnualReportPage';

/** Routes of the console; each screen is shown only to roles whose permissions it needs. */
export function App() {
  const { session, loading, can } = useSession();
  if (loading) return <Spin fullscreen description="正在加载…" />;
  if (!session || session.stage !== 'full') return <SignIn />;
  return (
    <Shell>
      <Routes>
        <Route path="/" element={<Dashboard />} />
        {can('org.read') && <Route path="/organisations" element={<OrganisationsPage />} />}
        {can('user.read') && <Route path="/staff" element={<StaffPage />} />}
        {can('audit.read') && <Route path="/audit" element={<AuditPage />} />}
        <Route path="/calendar" element={<CalendarPage />} />
        <Route path="/review" element={<ReviewPage />} />
        {can('records.read') && <Route path="/requests" element={<RequestsPage />} />}
        {can('records.read') && <Route path="/requests/:id" element={<RequestCasePage />} />}
        {can('records.read') && <Route path="/messages" element={<MessagesPage />} />}
        {can('records.read') && <Route path="/messages/stats" element={<MessageStatsPage />} />}
        {can('records.read') && <Route path="/messages/:id" element={<MessageCasePage />} />}
        {can('records.read') && <Route path="/knowledge" element={<KnowledgePage />} />}
        {can('records.read') && <Route path="/catalog" element={<CatalogPage />} />}
        {can('records.read') && <Route path="/catalog/:id" element={<DocumentEditPage />} />}
        {can('records.read') && <Route path="/annual-reports" element={<AnnualReportPage />} />}
        <Route path="/profile" element={<Profile />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}
