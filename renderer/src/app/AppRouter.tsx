import { useState, type ReactNode } from 'react';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { Shell } from './Shell';
import { CaseListScreen } from '../features/cases/CaseListScreen';
import { CasePage } from '../features/cases/CasePage';
import { FollowUpsScreen } from '../features/contacts/FollowUpsScreen';
import { UnitsScreen } from '../features/units/UnitsScreen';
import { PerpetratorPage } from '../features/units/PerpetratorPage';
import { SanctionsScreen } from '../features/sanctions/SanctionsScreen';
import { FacilitiesScreen } from '../features/places/FacilitiesScreen';
import { FacilityPage } from '../features/places/FacilityPage';
import { PatternsScreen } from '../features/patterns/PatternsScreen';
import { IncidentsScreen } from '../features/events/IncidentsScreen';
import { IncidentPage } from '../features/events/IncidentPage';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { MembersScreen } from '../features/members/MembersScreen';
import { ReviewsScreen } from '../features/reviews/ReviewsScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { TracingListScreen } from '../features/tracing/TracingListScreen';
import { ListImportScreen } from '../features/list-import/ListImportScreen';
import { PrintScreen } from '../features/print/PrintScreen';
import { ExportScreen } from '../features/packages/ExportScreen';
import { OpenPackageScreen } from '../features/packages/OpenPackageScreen';
import { RecipientsScreen } from '../features/packages/RecipientsScreen';
import { TracingRequestPage } from '../features/tracing/TracingRequestPage';

// Hash routing: the app is served from one fixed origin (app://athar), and deep links survive a lock.
function makeRouter() {
  return createHashRouter([
    {
      element: <Shell />,
      children: [
        { index: true, element: <Navigate to="/cases" replace /> },
        { path: 'cases', element: <CaseListScreen /> },
        { path: 'cases/new', element: <CasePage /> },
        { path: 'cases/:caseId/:tab?', element: <CasePage /> },
        { path: 'follow-ups', element: <FollowUpsScreen /> },
        { path: 'units', element: <UnitsScreen /> },
        { path: 'perpetrators/:personId', element: <PerpetratorPage /> },
        { path: 'sanctions', element: <SanctionsScreen /> },
        { path: 'places', element: <FacilitiesScreen /> },
        { path: 'places/:placeId', element: <FacilityPage /> },
        { path: 'patterns', element: <PatternsScreen /> },
        { path: 'incidents', element: <IncidentsScreen /> },
        { path: 'incidents/:incidentId', element: <IncidentPage /> },
        { path: 'tracing', element: <TracingListScreen /> },
        { path: 'import', element: <ListImportScreen /> },
        { path: 'print', element: <PrintScreen /> },
        { path: 'recipients', element: <RecipientsScreen /> },
        { path: 'export', element: <ExportScreen /> },
        { path: 'packages/open', element: <OpenPackageScreen /> },
        { path: 'tracing/:requestId', element: <TracingRequestPage /> },
        { path: 'settings', element: <SettingsScreen /> },
        { path: 'members', element: <MembersScreen /> },
        { path: 'reviews', element: <ReviewsScreen /> },
        { path: 'audit', element: <AuditScreen /> },
        { path: '*', element: <Navigate to="/cases" replace /> },
      ],
    },
  ]);
}

export function AppRouter(): ReactNode {
  // One router for the session's life: a new one on every render (a change of language or theme re-renders the
  // root) forgot pending navigation state, and the "Leave without saving?" question vanished with it.
  const [router] = useState(makeRouter);
  return <RouterProvider router={router} />;
}
