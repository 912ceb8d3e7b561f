export * from './hostApi';
