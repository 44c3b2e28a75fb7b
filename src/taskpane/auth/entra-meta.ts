/**
 * The page's meta tags that configure Microsoft sign-in (the server writes them into every page it serves in Entra
 * mode: src/server/http/html.ts), read by the pane and by the sign-in dialog page.
 */
export const ENTRA_META = {
  clientId: 'kiva-sheets-entra-client-id',
  authority: 'kiva-sheets-entra-authority',
  /** Space-separated, e.g. `api://<server app id>/access_as_user`. */
  scopes: 'kiva-sheets-entra-scopes',
} as const;
