import { backtestBench } from './bench/backtest-bench.ts';
console.log(await backtestBench({ dialect: 'sqlite', events: Number(process.env.N ?? 1000) }));
