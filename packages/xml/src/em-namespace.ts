/** The namespace of every EM element. */
export const EM_NAMESPACE = 'http://www.veeam.com/ent/v1.0';
