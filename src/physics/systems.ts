/** What a dataset's protocols drive: the imposed velocity directly, or a spring-slider's load point. */
export type DataSystem = 'direct' | 'spring-slider';
export const dataSystems: readonly DataSystem[] = ['direct', 'spring-slider'];
