// Tests run in local mode unless a test says otherwise (PEIYU_MODE unset is production since issue 12,
// finding 6): generous rate limits, the dev key, the shared clock. Tests of production behaviour pass their
// own env objects.
if (process.env.PEIYU_MODE === undefined) process.env.PEIYU_MODE = 'local';
