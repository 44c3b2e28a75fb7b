/**
 * The sign-in dialog page as a server in Entra mode serves it: the page the build makes from
 * src/taskpane/auth/sign-in-dialog.html, with the sign-in settings the server writes into its pages, read by the very
 * code the page runs — so the redirect URI the admin registers (docs/deploy.md) is the page's own address.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { ENTRA_META } from '../../src/taskpane/auth/entra-meta';
import { runSignInDialog, SIGN_IN_DIALOG_PAGE, signInDialogUrl } from '../../src/taskpane/auth/sign-in-dialog';
import { AUDIENCE, PANE_CLIENT_ID, startIssuer, TENANT, type TestIssuer } from '../server/entra-issuer';
import { startHarness, type Harness } from '../server/harness';

let issuer: TestIssuer;
let h: Harness;
beforeAll(async () => {
  issuer = await startIssuer();
  h = await startHarness({
    settings: {
      KIVA_SHEETS_ENTRA_TENANT_ID: TENANT,
      KIVA_SHEETS_ENTRA_AUDIENCE: AUDIENCE,
      KIVA_SHEETS_ENTRA_PANE_CLIENT_ID: PANE_CLIENT_ID,
      KIVA_SHEETS_ENTRA_JWKS_URL: issuer.jwksUrl,
      KIVA_SHEETS_HOST: '127.0.0.1',
      KIVA_SHEETS_ALLOWED_USERS: '00000000-0000-0000-0000-00000000000a (ana@partner.org)',
    },
  });
  // The page as webpack makes it from its template (office.js from the CDN, the entry's chunk).
  const template = readFileSync(join(__dirname, '../../src/taskpane/auth/sign-in-dialog.html'), 'utf8');
  const built = template.replace(/<% if \(officeJs\) \{ %>[\s\S]*?<% \} %>/, '<script src="office.js"></script>');
  mkdirSync(join(h.dir, 'dist'), { recursive: true });
  writeFileSync(
    join(h.dir, 'dist', SIGN_IN_DIALOG_PAGE),
    built.replace('</head>', '<script defer src="sign-in-dialog.js"></script></head>'),
  );
});
afterAll(async () => {
  await h?.close();
  await issuer?.close();
});

it('is served with the sign-in settings, which the dialog code reads to sign in by redirect to itself', async () => {
  const answer = await h.api(`/${SIGN_IN_DIALOG_PAGE}?login_hint=ana%40partner.org`);
  expect(answer.status).toBe(200);
  const page = new DOMParser().parseFromString(answer.text, 'text/html');
  const tags = Array.from(page.getElementsByTagName('meta'));
  const meta = (name: string) =>
    tags.find((tag) => tag.getAttribute('name') === name)?.getAttribute('content') ?? undefined;
  expect(meta(ENTRA_META.clientId)).toBe(PANE_CLIENT_ID);
  expect(meta(ENTRA_META.authority)).toBe(`https://login.microsoftonline.com/${TENANT}`);

  const href = signInDialogUrl(h.server.url, 'ana@partner.org');
  const redirects: unknown[] = [];
  await runSignInDialog({
    href,
    settings: () => ({ scopes: (meta(ENTRA_META.scopes) ?? '').split(/\s+/) }),
    msal: async (redirectUri) => ({
      handleRedirectPromise: async () => null,
      loginRedirect: async (request) => void redirects.push({ redirectUri, request }),
    }),
    messageParent: () => undefined,
  });
  expect(redirects).toEqual([
    {
      redirectUri: `${h.server.url}/${SIGN_IN_DIALOG_PAGE}`,
      request: {
        scopes: [`${AUDIENCE}/access_as_user`],
        redirectUri: `${h.server.url}/${SIGN_IN_DIALOG_PAGE}`,
        loginHint: 'ana@partner.org',
      },
    },
  ]);
});
