// The session cookie (httpOnly) and the CSRF cookie the web echoes in the x-csrf-token header.
export const SESSION_COOKIE = 'jh_session';
export const CSRF_COOKIE = 'jh_csrf';
