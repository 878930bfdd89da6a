// pg's CommonJS entry (loaded by path in lib/server/store/postgres.ts) is the same driver as 'pg'.
declare module 'pg/lib/index.js' {
  import pg from 'pg';
  export default pg;
}
