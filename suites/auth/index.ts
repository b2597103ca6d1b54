/** Authentication and authorisation: missing, wrong and valid credentials of both styles. */
import basic from './basic.js';
import challenge from './challenge.js';
import forbidden from './forbidden.js';
import oauthToken from './oauth-token.js';
import required from './required.js';
import wrongCredentials from './wrong-credentials.js';

export const checks = [required, wrongCredentials, basic, oauthToken, forbidden, challenge];
