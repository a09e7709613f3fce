module.exports = require('../../jest.preset.js').withRealKafkaE2e(__dirname);
