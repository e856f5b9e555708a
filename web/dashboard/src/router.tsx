import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireSession } from './auth/session.js';
import { AppLayout } from './components/AppLayout.js';
import { RouteError } from './components/RouteError.js';
import NotFound from './screens/NotFound.js';
import AcceptInvite from './screens/auth/AcceptInvite.js';
import ForgotPassword from './screens/auth/ForgotPassword.js';
import ResetPassword from './screens/auth/ResetPassword.js';
import SignIn from './screens/auth/SignIn.js';
import SignUp from './screens/auth/SignUp.js';
import Home from './screens/home/Home.js';

/** A screen loaded on first visit (its own chunk), so the first page stays small. */
const screen = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignIn />, errorElement: <RouteError /> },
  { path: '/sign-up', element: <SignUp />, errorElement: <RouteError /> },
  { path: '/invite', element: <AcceptInvite />, errorElement: <RouteError /> },
  { path: '/forgot-password', element: <ForgotPassword />, errorElement: <RouteError /> },
  { path: '/reset-password', element: <ResetPassword />, errorElement: <RouteError /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppLayout />,
        children: [
          {
            errorElement: <RouteError />,
            children: [
              { index: true, element: <Home /> },
              { path: 'transactions', ...screen(() => import('./screens/transactions/TransactionsList.js')) },
              { path: 'transactions/:transactionId', ...screen(() => import('./screens/transactions/TransactionDetail.js')) },
              { path: 'contacts', ...screen(() => import('./screens/contacts/ContactsList.js')) },
              { path: 'contacts/:contactId', ...screen(() => import('./screens/contacts/ContactDetail.js')) },
              { path: 'products', ...screen(() => import('./screens/products/ProductsList.js')) },
              { path: 'products/:productId', ...screen(() => import('./screens/products/ProductDetail.js')) },
              { path: 'forms', ...screen(() => import('./screens/forms/FormsList.js')) },
              { path: 'forms/new', ...screen(() => import('./screens/forms/FormCreate.js')) },
              { path: 'forms/:formId', ...screen(() => import('./screens/forms/FormDetail.js')) },
              { path: 'connections', ...screen(() => import('./screens/connections/Connections.js')) },
              { path: 'sync', ...screen(() => import('./screens/sync/SyncFailures.js')) },
              { path: 'team', ...screen(() => import('./screens/team/Team.js')) },
              { path: 'audit-log', ...screen(() => import('./screens/audit/AuditLog.js')) },
              { path: 'search', ...screen(() => import('./screens/search/SearchResults.js')) },
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
