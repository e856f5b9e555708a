import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** A screen that crashed or whose code could not be loaded (e.g. after an upgrade): say so and offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message)
      ? 'A new version of the dashboard was installed. Reload the page to continue.'
      : error instanceof Error
        ? error.message
        : 'Unknown error';
  return (
    <div className="state state-error" role="alert">
      <strong>This screen stopped working</strong>
      <p>{message}</p>
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>{' '}
        <Link to="/">Go to Home</Link>
      </p>
    </div>
  );
}
