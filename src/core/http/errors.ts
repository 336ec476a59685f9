// Errors that map onto HTTP answers. Messages are "中文 / English".
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}
export const badRequest = (message: string, extra?: Record<string, unknown>) => new AppError(400, 'bad_request', message, extra);
export const unauthorized = () => new AppError(401, 'unauthorized', '请先登录 / please sign in');
export const forbidden = (message = '无权访问 / not allowed') => new AppError(403, 'forbidden', message);
export const notFound = (message = '未找到 / not found') => new AppError(404, 'not_found', message);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
