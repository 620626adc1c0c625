// 销号, 预警 and 整改完成率: the pure rules closure tracking is built on.
export * from '../schemas/closure.ts';
export * from './closure-transition.ts';
export * from './pair-closure.ts';
export * from './warning.ts';
export * from './closure-rate.ts';
export * from '../schemas/notice.ts';
export * from '../schemas/closure-view.ts';
export * from './required.ts';
export * from './rates-at.ts';
export * from './bulletin.ts';
