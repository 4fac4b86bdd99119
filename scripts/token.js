#!/usr/bin/env node
/* Mints a development bearer token (HS256, AUTH_JWT_SECRET or the documented default).
 * Usage: npm run token -- --role physician [--name "Læge Lise"] [--org 123456789012345] [--sub u1] [--sector hospital] [--ttl 3600] */
const { SignJWT } = require('jose');

const DEFAULT_JWT_SECRET = 'dnr-dev-secret-change-me-0000000000';
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};

const role = opt('role', 'physician');
const claims = {
  name: opt('name', role === 'physician' ? 'Læge Lise Hansen' : `Dev ${role}`),
  role,
  org: opt('org', '265071000016002'),
  orgName: opt('orgName', 'Aalborg Universitetshospital'),
  sector: opt('sector', 'hospital'),
};

new SignJWT(claims)
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(opt('sub', `dev-${role}`))
  .setIssuedAt()
  .setExpirationTime(`${Number(opt('ttl', '3600'))}s`)
  .sign(new TextEncoder().encode(process.env.AUTH_JWT_SECRET || DEFAULT_JWT_SECRET))
  .then((t) => process.stdout.write(`${t}\n`));
