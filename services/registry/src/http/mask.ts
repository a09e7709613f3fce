/** The masking rules are the kit's (two services mask personal data): re-exported for registry's views. */
export { maskContact, maskEmail, maskName, maskPhone } from '@peiyu/service-kit';
