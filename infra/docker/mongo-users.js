// Runs once, when the MongoDB data volume is first initialised (docker-entrypoint-initdb.d, as the root user):
// one SCRAM-SHA-256 user per service, allowed only on its own database (readWrite there, nothing elsewhere).
// Passwords come from PEIYU_MONGO_PASSWORD_<SERVICE>. Checked by infra/local/src/compose.unit.test.ts.
for (const service of ['registry', 'assessment', 'certification', 'subsidy', 'statistics', 'audit']) {
  const pwd = process.env[`PEIYU_MONGO_PASSWORD_${service.toUpperCase()}`];
  if (!pwd) throw new Error(`PEIYU_MONGO_PASSWORD_${service.toUpperCase()} is not set`);
  const dbName = `peiyu-${service}`;
  db.getSiblingDB(dbName).createUser({
    user: service,
    pwd,
    roles: [{ role: 'readWrite', db: dbName }],
    mechanisms: ['SCRAM-SHA-256'],
  });
}
