import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { api, applyProblem, call } from '../api/client';
import type { SessionView } from '../session';

/**
 * Binding an authenticator app: show a QR code (and the key for typing in), then confirm with a
 * code. `needsPassword` when re-binding from a full session (re-authentication, SECURITY SESS-04).
 */
export function TotpEnrolment({ onDone, needsPassword = false }: { onDone: (s: SessionView) => void; needsPassword?: boolean }) {
  const [setup, setSetup] = useState<{ secret: string; qrDataUrl: string } | null>(null);
  const [error, setError] = useState('');
  const [pwForm] = Form.useForm();
  const [codeForm] = Form.useForm();

  const start = async (v: { password?: string }) => {
    setError('');
    try {
      setSetup(await call(api.POST('/api/v1/auth/totp/setup', { body: { password: v.password } })));
    } catch (e) {
      setError(applyProblem(pwForm, e));
    }
  };
  const confirm = async (v: { code: string }) => {
    setError('');
    try {
      onDone(await call(api.POST('/api/v1/auth/totp/confirm', { body: v })));
    } catch (e) {
      setError(applyProblem(codeForm, e));
    }
  };

  if (!setup)
    return (
      <Form form={pwForm} layout="vertical" onFinish={start} requiredMark={false}>
        <Typography.Paragraph>请在手机上安装支持 TOTP 的验证器应用（如“腾讯身份验证器”“Microsoft Authenticator”），然后生成二维码扫码绑定。</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        {needsPassword && (
          <Form.Item label="当前密码" name="password" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit">
          生成绑定二维码
        </Button>
      </Form>
    );

  return (
    <Form form={codeForm} layout="vertical" onFinish={confirm} requiredMark={false}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <img src={setup.qrDataUrl} alt="验证器绑定二维码：请用验证器应用扫描" width={200} height={200} />
        <Typography.Text>
          无法扫码时，请在验证器中手动输入密钥：<Typography.Text code copyable data-testid="totp-secret">{setup.secret}</Typography.Text>
        </Typography.Text>
        {error && <Alert type="error" showIcon title={error} role="alert" />}
        <Form.Item label="验证器显示的 6 位验证码" name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字' }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          完成绑定
        </Button>
      </Space>
    </Form>
  );
}
