// Workers import a .bin file as a Data module: its bytes as an ArrayBuffer.
declare module '*.bin' {
  const data: ArrayBuffer;
  export default data;
}
