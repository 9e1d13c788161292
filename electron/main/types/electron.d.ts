// SPDX-License-Identifier: UNLICENSED
// The part of Electron's API this code uses, declared here because `electron` is an optional
// dependency whose package (and so its electron.d.ts) is absent wherever its binary cannot be
// downloaded — including CI. Signatures are copied from electron@40.8.5's electron.d.ts, narrowed to
// what we call; `node build/typecheckElectron.js` checks this code against the
// real declarations where the package is present. An ambient declaration takes precedence over
// node_modules resolution, so the build is the same with or without Electron installed.
declare module 'electron' {
  type Listener<E> = (event: E, ...args: unknown[]) => void;

  export interface Event {
    preventDefault(): void;
  }

  export interface WebPreferences {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    nodeIntegrationInWorker?: boolean;
    nodeIntegrationInSubFrames?: boolean;
    webSecurity?: boolean;
    allowRunningInsecureContent?: boolean;
    experimentalFeatures?: boolean;
    webviewTag?: boolean;
    navigateOnDragDrop?: boolean;
    safeDialogs?: boolean;
    spellcheck?: boolean;
    devTools?: boolean;
  }

  export interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    show?: boolean;
    title?: string;
    backgroundColor?: string;
    webPreferences?: WebPreferences;
  }

  export interface WebFrameMain {
    readonly url: string;
    readonly parent: WebFrameMain | null;
  }

  export interface HandlerDetails {
    url: string;
  }
  export type WindowOpenHandlerResponse = { action: 'deny' } | { action: 'allow' };

  export interface WebContents {
    readonly mainFrame: WebFrameMain;
    on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: Listener<Event>): this;
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
    send(channel: string, ...args: unknown[]): void;
  }

  export class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    static fromWebContents(webContents: WebContents): BrowserWindow | null;
    readonly webContents: WebContents;
    once(event: 'ready-to-show', listener: () => void): this;
    loadURL(url: string): Promise<void>;
    show(): void;
    focus(): void;
    restore(): void;
    isMinimized(): boolean;
    isDestroyed(): boolean;
  }

  export interface IpcMainInvokeEvent {
    readonly sender: WebContents;
    readonly senderFrame: WebFrameMain | null;
  }

  export interface IpcMain {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  }
  export const ipcMain: IpcMain;

  export interface OnBeforeRequestListenerDetails {
    url: string;
  }
  export interface CallbackResponse {
    cancel?: boolean;
  }
  export interface WebRequest {
    onBeforeRequest(listener: ((details: OnBeforeRequestListenerDetails, callback: (response: CallbackResponse) => void) => void) | null): void;
  }

  export interface Session {
    readonly webRequest: WebRequest;
    setPermissionRequestHandler(handler: ((webContents: WebContents, permission: string, callback: (permissionGranted: boolean) => void) => void) | null): void;
    setPermissionCheckHandler(handler: ((webContents: WebContents | null, permission: string) => boolean) | null): void;
  }
  export const session: { readonly defaultSession: Session };

  export interface CustomScheme {
    scheme: string;
    privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; codeCache?: boolean };
  }
  export const protocol: {
    registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };

  export const app: {
    readonly isPackaged: boolean;
    setPath(name: 'userData', path: string): void;
    enableSandbox(): void;
    requestSingleInstanceLock(): boolean;
    quit(): void;
    exit(exitCode?: number): void;
    whenReady(): Promise<void>;
    on(event: 'second-instance' | 'window-all-closed' | 'will-quit', listener: () => void): unknown;
    on(event: 'web-contents-created', listener: (event: Event, webContents: WebContents) => void): unknown;
  };

  export const powerMonitor: {
    on(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
  };

  export interface OpenDialogOptions {
    title?: string;
    defaultPath?: string;
    properties?: ('openFile' | 'openDirectory' | 'multiSelections' | 'createDirectory')[];
  }
  export interface SaveDialogOptions {
    title?: string;
    defaultPath?: string;
  }
  export const dialog: {
    showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
    showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
    showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath: string }>;
    showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath: string }>;
  };

  // Renderer side (preload).
  export interface IpcRendererEvent {
    readonly sender: unknown;
  }
  export const ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  };
  export const webUtils: {
    /** The path of a File from a drop or an <input type=file>; '' for files not backed by disk. */
    getPathForFile(file: unknown): string;
  };
  export const contextBridge: {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  };
}
