// The PIPL masks live in the service kit (the audit service masks the same contacts); kept here for imports.
export { maskContact, maskEmail, maskName, maskPhone } from '@peiyu/service-kit';
