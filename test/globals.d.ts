// Globals the checked scripts reach for that no library declares: what the test and benchmark pages publish on
// window, WebGPU's adapter info (newer than TypeScript's DOM types), and the runtime objects of Deno and Bun.
interface Window {
  portableResult?: any;
  threadsResult?: any;
  showResult?: any;
  result?: any;
}

interface GPUAdapter {
  readonly info: { vendor: string; architecture: string; device: string; description: string };
}

declare var Deno: any;
declare var Bun: any;
