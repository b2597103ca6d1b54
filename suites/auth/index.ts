/** Authentication and authorisation: missing, wrong and valid credentials of both styles. */
import { defineSuite } from '../../src/check/check.js';
import basic from './basic.js';
import challenge from './challenge.js';
import forbidden from './forbidden.js';
import oauthToken from './oauth-token.js';
import required from './required.js';
import wrongCredentials from './wrong-credentials.js';

export default defineSuite({ name: 'auth', checks: () => [required, wrongCredentials, basic, oauthToken, forbidden, challenge] });
